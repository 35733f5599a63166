// What the server's type-check sees of the PouchDB packages the runtime loads with import().
// The runtime types PouchDB through its own interface (runtime/src/storage/pouch-database.ts)
// and discards these modules' types; the real ones (@types/pouchdb-core) reference lib.dom,
// which would bring browser globals, and DOM typed arrays that Node's Buffer no longer fits,
// into the server's program. tsconfig.json maps the module names here.
declare const pouchModule: unknown;
export default pouchModule;
