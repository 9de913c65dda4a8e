import fs from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import { rollup, type Plugin } from 'rollup';

const ROOT = path.resolve(__dirname, '../../..');
const LWC_DIR = path.join(ROOT, 'force-app/main/default/lwc');
const CLIENT_DIR = path.join(__dirname, 'client');
const APEX_PREFIX = '@salesforce/apex/OverlapController.';
const VIRTUAL_APEX = '\0overlap-preview-apex:';
const LBC_DIR = path.join(ROOT, 'node_modules/lightning-base-components/src/lightning');
const ICON_TEMPLATES = /[\\/]iconSvgTemplates\w*[\\/]buildTemplates[\\/]templates\.js$/;
const ICON_NAME = /\b(?:utility|standard|action|doctype|custom):[a-z0-9_]+/g;

/** Salesforce-only modules the components import, answered by the preview's browser modules. */
const PLATFORM_MODULES: Record<string, string> = {
  '@salesforce/apex': path.join(CLIENT_DIR, 'apex.mjs'),
  'lightning/platformShowToastEvent': path.join(CLIENT_DIR, 'toast.mjs'),
};

/**
 * `@salesforce/apex/OverlapController.<method>` becomes a callable wire adapter that posts to the
 * preview's server-side controller; the other platform modules map to files in ./client.
 */
function platformModules(icons: Set<string>): Plugin {
  return {
    name: 'overlap-preview-platform',
    resolveId(source) {
      if (source.startsWith(APEX_PREFIX)) return VIRTUAL_APEX + source.slice(APEX_PREFIX.length);
      if (PLATFORM_MODULES[source]) return PLATFORM_MODULES[source];
      // lightning/<name> is src/lightning/<name>/<name>.js; the generic LWC resolver takes ~3 s
      // over the few hundred imports, so answer the common case here
      const lbc = /^lightning\/(\w+)$/.exec(source);
      if (lbc) {
        const file = path.join(LBC_DIR, lbc[1], `${lbc[1]}.js`);
        if (fs.existsSync(file)) return file;
      }
      return null;
    },
    load(id) {
      if (ICON_TEMPLATES.test(id)) return iconTemplates(id, icons);
      if (!id.startsWith(VIRTUAL_APEX)) return null;
      const method = id.slice(VIRTUAL_APEX.length);
      const client = JSON.stringify(path.join(CLIENT_DIR, 'apex.mjs'));
      return `import { apexMethod } from ${client};\nexport default apexMethod(${JSON.stringify(method)});\n`;
    },
    // the engine branches on NODE_ENV and LBC on `import.meta.env.SSR`, which bundlers define
    transform(code) {
      if (!code.includes('process.env.NODE_ENV') && !code.includes('import.meta.env.SSR')) {
        return null;
      }
      const out = code
        .replaceAll('process.env.NODE_ENV', '"production"')
        .replaceAll('import.meta.env.SSR', 'false');
      return { code: out, map: null };
    },
  };
}

/** Every icon name written literally in the components or in lightning-base-components. */
function iconNames(): Set<string> {
  const names = new Set<string>();
  const scan = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('iconSvgTemplates')) scan(file);
      } else if (/\.(js|html)$/.test(entry.name)) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(ICON_NAME)) names.add(m[0]);
      }
    }
  };
  scan(LWC_DIR);
  scan(LBC_DIR);
  return names;
}

/**
 * lightning-base-components ships ~3,500 SVG icon templates; compiling them all takes most of a
 * minute, so the preview keeps the icons that are named somewhere (an unnamed one renders blank).
 */
function iconTemplates(file: string, icons: Set<string>): string {
  const imports: string[] = [];
  const keys: string[] = [];
  const source = fs.readFileSync(file, 'utf8');
  for (const m of source.matchAll(/import \{ default as (\w+) \} from '([^']+)';/g)) {
    const [line, key] = m;
    if (icons.has(key.replace('_', ':'))) {
      imports.push(line);
      keys.push(key);
    }
  }
  return `${imports.join('\n')}\nexport default { ${keys.join(', ')} };\n`;
}

/** `c/<name>` for every component folder in force-app, so the components build unchanged. */
function componentModules(): { name: string; path: string }[] {
  return fs
    .readdirSync(LWC_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(LWC_DIR, d.name, `${d.name}.js`)))
    .map((d) => ({ name: `c/${d.name}`, path: path.join(LWC_DIR, d.name, `${d.name}.js`) }));
}

/** Bundles the preview page: synthetic shadow, LWC engine, lightning-base-components and c/*. */
export async function buildPreviewBundle(): Promise<string> {
  const bundle = await rollup({
    input: path.join(CLIENT_DIR, 'main.mjs'),
    plugins: [
      platformModules(iconNames()),
      lwc({
        rootDir: CLIENT_DIR,
        // the engine and synthetic shadow ship compiled; running them through the compiler is slow
        exclude: ['**/node_modules/@lwc/**', '**/node_modules/lwc/**'],
        // lightning-combobox uses ElementInternals, which synthetic shadow supports only on request
        enableSyntheticElementInternals: true,
        modules: [...componentModules(), { npm: 'lightning-base-components' }],
      }),
    ],
    onwarn(warning, warn) {
      // LBC's sources carry many harmless circular imports and `this` rewrites
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  });
  try {
    const { output } = await bundle.generate({
      format: 'iife',
      name: 'overlapPreview',
      inlineDynamicImports: true,
    });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
