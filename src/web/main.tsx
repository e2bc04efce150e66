import './styles/global.css';
import './lib/zodConfig.js';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { loadEnglish, showsEnglish } from './lib/i18n.js';

const render = () => createRoot(document.getElementById('root') as HTMLElement).render(<App />);
// In English the catalogs' English halves come first (lib/i18n.tsx `loadEnglish`); if they cannot be fetched the
// app still starts, and a page that needs them shows the reload prompt.
const english = showsEnglish() ? loadEnglish() : null;
if (english) english.then(render, render);
else render();
