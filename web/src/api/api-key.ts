/** The API key the person gave, kept for this tab only (sessionStorage), never in a cookie or on disk. */
const KEY = 'modelmgmtservice.apiKey';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string): void => sessionStorage.setItem(KEY, key),
  clear: (): void => sessionStorage.removeItem(KEY),
};
