import './styles/global.css';
import './lib/zodConfig.js';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
