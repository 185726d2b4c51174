// Cuts the app's wasm into its main module and the modules of the pages fetched on demand
// (src/ui/on_demand.rs), after Trunk has built it and before finish.mjs (Trunk.toml's
// post_build hook runs the two in turn on the staging directory).
//
// Trunk runs wasm-bindgen on the wasm whole; the cut has to come between cargo and
// wasm-bindgen. So this takes cargo's own wasm (linked with relocations kept, see
// src/build/link.rs), cuts it with wasm-split (`wasm-split-cli`, which the Makefile installs),
// runs wasm-bindgen again on the main module under Trunk's file names, optimises every module
// with wasm-opt (index.html sets Trunk's own pass to 0 for the app, so it runs once), and
// writes the modules beside the app with names from their contents. The wasm preload's
// integrity and the glue's are written again. What it leaves is what Trunk would have left,
// with the modules added: finish.mjs does the rest.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minified } from './minify.mjs';
import { publicUrlOf } from './public-url.mjs';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
const html = process.env.TRUNK_HTML_FILE ?? 'index.html';
const profile = process.env.TRUNK_PROFILE ?? 'release';
const targetDir = process.env.CARGO_TARGET_DIR ?? 'target';
if (!dir) {
  console.error('usage: node src/build/split.mjs <Trunk staging directory>');
  process.exit(2);
}

/** Stops the build with `problem` (after the work directory is removed). */
function fail(problem) {
  throw new Error(problem);
}

const NAMES = JSON.parse(await readFile(new URL('./shared-names.json', import.meta.url), 'utf8'));

// The loader tells the app only that a module failed. Its fetch also finds out why, and its
// failure says it where the app looks (src/browser/module.rs, domain::names::ModuleFailure),
// just before the app hears of it: asked again without the integrity check (for 10 s at most),
// the site tells a file it no longer has (the app was updated since the page was opened), an
// error, or something else in the file's place (a Wi-Fi sign-in page, say); the build's own
// bytes the second time were a connection that broke, and no answer is no connection.
// Without WebCrypto (plain HTTP) a wasm file the second time counts as the build's.
const failure = NAMES.moduleFailure;
const word = (key) => JSON.stringify(failure[key]);
const WHY = JSON.stringify(failure.global);
const FETCH_MODULE = `
const fetchModule = (url, integrity) => {
  const because = (error, why) => Object.assign(error, { [${WHY}]: why });
  const refusal = (response) => (response.status === 404 || response.status === 410 ? ${word('gone')} : ${word('refused')});
  const wasm = (response) => (response.headers.get('content-type') ?? '').startsWith('application/wasm');
  const asBuilt = async (response) => {
    const digest = await globalThis.crypto?.subtle?.digest('SHA-384', await response.arrayBuffer());
    return digest === undefined || btoa(String.fromCharCode(...new Uint8Array(digest))) === integrity.slice('sha384-'.length);
  };
  const why = async () => {
    try {
      const again = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout?.(10_000) });
      if (!again.ok) return refusal(again);
      return wasm(again) && (await asBuilt(again)) ? ${word('noAnswer')} : ${word('altered')};
    } catch {
      return ${word('noAnswer')};
    }
  };
  const fetched = fetch(url, { integrity }).then(
    (response) => {
      if (!response.ok) throw because(new Error(\`\${url}: \${response.status}\`), refusal(response));
      if (!wasm(response)) throw because(new Error(\`\${url}: not a wasm module\`), ${word('refused')});
      return response;
    },
    async (error) => {
      throw because(error, await why());
    },
  );
  // (Refused before the loader awaits it: marked as heard, so that it is not an unhandled
  // rejection; the loader's await still gets the failure.)
  fetched.catch(() => {});
  return fetched;
};
`;

const digest = (algorithm, data, encoding) => createHash(algorithm).update(data).digest(encoding);
const integrity = (data) => `sha384-${digest('sha384', data, 'base64')}`;
const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });

const work = await mkdtemp(join(tmpdir(), 'city-comms-split-'));
try {
  // Trunk's names for the app's glue and wasm, from its start-up script.
  const indexPath = join(dir, 'index.html');
  let index = await readFile(indexPath, 'utf8');
  const inline = index.match(/<script type=["']?module["']?>([\s\S]*?)<\/script>/)?.[1] ?? '';
  const glue = inline.match(/from ['"][^'"]*?([^/'"]+\.js)['"]/)?.[1];
  const wasm = inline.match(/module_or_path: ['"][^'"]*?([^/'"]+_bg\.wasm)['"]/)?.[1];
  if (!glue || !wasm) fail("Trunk's start-up script is not as expected (has finish.mjs already run?)");
  const stem = glue.slice(0, -'.js'.length);

  // The app's wasm-opt settings, from its link in the source page (Trunk's own pass is off).
  const source = await readFile(html, 'utf8');
  const appLink = source.match(/<link\b[^>]*\bdata-bin=["']?city-comms["']?[^>]*>/)?.[0];
  if (!appLink || !/data-wasm-opt=["']?0["']?/.test(appLink)) fail(`${html} should give the app's rust link data-wasm-opt="0"`);
  const optParams = appLink.match(/data-wasm-opt-params=["']([^"']*)["']/)?.[1].split(/\s+/).filter(Boolean) ?? [];

  const cut = join(work, 'cut');
  run('wasm-split-cli', [join(targetDir, 'wasm32-unknown-unknown', profile, 'city-comms.wasm'), cut]);
  const bound = join(work, 'bound');
  // As Trunk runs it, plus what the cut modules need of the main one (--keep-lld-exports).
  run('wasm-bindgen', ['--target=web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
    `--out-dir=${bound}`, `--out-name=${stem}`, join(cut, 'main.wasm')]);

  const optimise = async (path) => {
    if (profile === 'release') run('wasm-opt', ['-Oz', '--strip-debug', ...optParams, path, '-o', path]);
    return readFile(path);
  };

  // The pages' modules, named by their contents, as the loader will ask for them: each with
  // its integrity, which the loader's fetch checks (a module that does not match is not run,
  // and its page says it could not be opened).
  let loader = await readFile(join(cut, '__wasm_split.js'), 'utf8');
  // The main module's exports the modules share are listed in no fixed order: sorted, so
  // that the same wasm always gives the same loader (and the same names after it).
  const sharedLists = [/(const \{)([^}]*)(\} = initSync\()/, /(Object\.assign\(sharedImports\.__wasm_split, \{)([^}]*)(\}\))/];
  for (const list of sharedLists) {
    if (!list.test(loader)) fail(`the loader has no ${list} to put in order`);
    loader = loader.replace(list, (_, before, names, after) => {
      const sorted = names.split(',').map((name) => name.trim()).filter(Boolean).sort();
      return `${before} ${sorted.join(', ')} ${after}`;
    });
  }
  const modules = (await readdir(cut)).filter((name) => name.endsWith('.wasm') && name !== 'main.wasm');
  for (const name of modules) {
    const body = await optimise(join(cut, name));
    const named = `${name.slice(0, -'.wasm'.length)}-${digest('sha256', body, 'hex').slice(0, 16)}.wasm`;
    const fetchAsIs = `const src = fetch(new URL("./${name}", import.meta.url));`;
    if (!loader.includes(fetchAsIs)) fail(`the loader has no "${fetchAsIs}" to add the integrity to`);
    loader = loader.replace(
      fetchAsIs,
      `const src = fetchModule(new URL("./${named}", import.meta.url), "${integrity(body)}");`,
    );
    await writeFile(join(dir, named), body);
  }
  // The loader asks the main module's glue for the shared imports, by Trunk's name for it.
  if (!loader.includes('"./main.js"')) fail('the loader does not import ./main.js');
  loader = loader.replaceAll('"./main.js"', `"./${glue}"`);
  // The loader's failure leaves its reason for the app, as it tells the app (a failure that
  // is not the fetch's, a module that came and would not start, counts as no answer).
  const failed = /console\.error\(e\);(\s*)success = false;/;
  if (!failed.test(loader)) fail('the loader has no "console.error(e); success = false;" to leave the reason after');
  loader = loader.replace(failed, (found, space) => `${found}${space}globalThis[${WHY}] = e?.[${WHY}] ?? ${word('noAnswer')};`);
  loader = minified(`${FETCH_MODULE}\n${loader}`);
  const loaderName = `wasm-split-${digest('sha256', loader, 'hex').slice(0, 16)}.js`;
  await writeFile(join(dir, loaderName), loader);

  // The glue, importing the loader by its new name, and the main module, in Trunk's places.
  let glueText = await readFile(join(bound, glue), 'utf8');
  // (Only the import statements: the import object keeps the module name the wasm asks for.)
  const loaderImport = /\bfrom (["'])\.\/__wasm_split\.js\1/g;
  if (!loaderImport.test(glueText)) fail('the glue does not import ./__wasm_split.js');
  glueText = glueText.replace(loaderImport, `from "./${loaderName}"`);
  glueText = minified(glueText);
  const wasmBody = await optimise(join(bound, wasm));
  await writeFile(join(dir, glue), glueText);
  await writeFile(join(dir, wasm), wasmBody);

  // Trunk's preloads carry the integrity of the files it wrote; give them the new ones.
  const reintegrate = (file, body) => {
    const link = index.match(new RegExp(`<link\\b[^>]*${file.replaceAll('.', '\\.')}[^>]*>`))?.[0];
    if (!link || !/integrity=/.test(link)) fail(`index.html has no preload with integrity for ${file}`);
    const renewed = link.replace(/integrity=["']?[^"' >]+["']?/, `integrity="${integrity(body)}"`);
    index = index.replace(link, renewed);
    return renewed;
  };
  const gluePreload = reintegrate(glue, glueText);
  reintegrate(wasm, wasmBody);
  // The glue imports the loader as it starts: preloaded beside it, with its integrity.
  const publicUrl = publicUrlOf(index);
  index = index.replace(
    gluePreload,
    `${gluePreload}\n<link rel="modulepreload" href="${publicUrl}${loaderName}" crossorigin integrity="${integrity(loader)}">`,
  );
  await writeFile(indexPath, index);
  console.log(`split.mjs: ${modules.length} modules on demand beside ${wasm}`);
} catch (error) {
  console.error(`split.mjs: ${error.message}`);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
