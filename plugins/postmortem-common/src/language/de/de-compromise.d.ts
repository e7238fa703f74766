// de-compromise ships no type declarations (its package.json names a file it
// does not publish); the check uses only the parse and its JSON view.
declare module 'de-compromise' {
  interface DeView {
    json(options?: { offset?: boolean }): unknown;
  }
  const nlp: (text: string) => DeView;
  export default nlp;
}
