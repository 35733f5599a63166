declare module 'pouchdb-core' {
  const PouchDB: {
    new (name: string, options?: Record<string, unknown>): unknown;
    plugin(plugin: unknown): void;
  };
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
