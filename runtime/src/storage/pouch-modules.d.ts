// pouchdb-find ships no types here; the adapter reaches it through its own PouchDatabase interface.
declare module 'pouchdb-find' {
  const plugin: unknown;
  export default plugin;
}
