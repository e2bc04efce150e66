/** Every route of the web app, in one place. */
export const paths = {
  home: '/',
  login: '/login',
  register: '/register',
  filings: '/filings',
  filing: (id: string) => `/filings/${id}`,
  filingEdit: (id: string, step?: number) => `/filings/${id}/edit${step === undefined ? '' : `?step=${step}`}`,
} as const;
