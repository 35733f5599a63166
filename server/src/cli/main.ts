import { resolve } from 'node:path';
import { storageFromEnv } from '@tessera/runtime';
import { adminCommand } from './admin-command.ts';
import { readBackup, writeBackup } from './backup-file.ts';
import { ArgsError } from './cli-args.ts';
import { importCommand } from './import-command.ts';
import { packCommand } from './pack-command.ts';
import { progressPrinter } from './progress.ts';

const HELP = `tessera — Tessera's command line for implementers

  tessera start                          start the server (as npm start does, without installing)
  tessera admin create USERNAME          make another admin; prints a generated password once
      [--password-stdin]                   or reads it from standard input (its first line)
      [--display-name NAME]
  tessera users import FILE.csv          create or update users from CSV (English or Chinese
      [--dry-run]                          headers); --dry-run checks every row, writes nothing
  tessera departments import FILE.csv    create or update departments from CSV
      [--dry-run]
  tessera pack list                      the packs on offer and what is installed
  tessera pack install NAME|PATH         install a bundled pack, or a pack folder or file
      [--role ROLE=USER,USER…]             map a pack role to users (usernames or ids) or
      [--roles FILE.json]                  department ids; or a mapping file
      [--no-demo] [--version V]            { "legal": ["wang.fang"], … }; skip demo records
  tessera pack upgrade NAME|PATH         show what changes, then upgrade and migrate records
  tessera pack uninstall NAME --data keep|remove
                                         keep the records, or remove every document of it
  tessera pack export NAME FILE          write the app as a pack file
      [--data none|demo|all]               with no records, its demo records, or all master data
  tessera backup FILE                    write every document to FILE (gzipped JSON lines)
  tessera restore FILE                   load a backup into an empty data folder or database
  tessera help                           this text

Imports print progress, then one line per refused row (row, column, message), and exit 1 when
any row failed. Stop the server first when the data is embedded (DATA_DIR): one process at a
time can open it; with CouchDB the commands run beside the servers.

Storage: DATA_DIR (default ./data) for the embedded database, or COUCHDB_URL (+ COUCHDB_DATABASE).
`;

type Command = (args: readonly string[]) => Promise<number>;

/** Paths are relative to where the command was typed (the bin script passes it on). */
const here = (path: string) => resolve(process.env.TESSERA_CWD ?? process.cwd(), path);

const openStorage = () => storageFromEnv(process.env, here(process.env.DATA_DIR ?? 'data'));

const commands: Record<string, Command> = {
  async start() {
    await import('../main.ts');
    return new Promise<number>(() => {}); // runs until a signal stops the server
  },
  admin: (args) => adminCommand(args, openStorage),
  users: (args) => importCommand('users', args, openStorage, here),
  departments: (args) => importCommand('departments', args, openStorage, here),
  pack: (args) => packCommand(args, openStorage, here),
  async backup([file]) {
    if (!file) return usage('backup needs the FILE to write');
    const storage = await openStorage();
    try {
      const count = await writeBackup(storage, here(file), progressPrinter('backed up'));
      console.log(`Backed up ${count} documents from ${storage.location} to ${here(file)}`);
      return 0;
    } finally {
      await storage.close();
    }
  },
  async restore([file]) {
    if (!file) return usage('restore needs the backup FILE to read');
    const storage = await openStorage();
    try {
      const count = await readBackup(storage, here(file), progressPrinter('restored'));
      console.log(`Restored ${count} documents into ${storage.location}`);
      return 0;
    } finally {
      await storage.close();
    }
  },
  async help() {
    console.log(HELP);
    return 0;
  },
};

function usage(problem: string): number {
  console.error(`${problem}\n\n${HELP}`);
  return 2;
}

async function main(argv: readonly string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = commands[name];
  if (!command) return usage(`unknown command "${name}"`);
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof ArgsError) return usage(error.message);
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`tessera: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
