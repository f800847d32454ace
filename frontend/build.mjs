// Builds the service's CSS and copies the design systems' scripts and assets into static_build/.
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static_build");
const modules = join(root, "node_modules");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const result = sass.compile(join(root, "frontend", "scss", "main.scss"), {
  loadPaths: [join(root, "frontend", "shim"), modules, root, join(root, "frontend", "scss")],
  style: "compressed",
  quietDeps: true,
  logger: sass.Logger.silent,
  silenceDeprecations: ["import"],
});
// GOV.UK Frontend's footer draws the crest, which the provider's brand never shows (and the build
// never copies): its rules go, with any @supports or @media block they leave empty.
const css = result.css
  .replace(/[^{}]*\{[^{}]*govuk-crest\.svg[^{}]*\}/g, "")
  .replace(/@(supports|media)[^{}]*\{\}/g, "");
writeFileSync(join(out, "css", "main.css"), css);

cpSync(join(modules, "govuk-frontend/dist/govuk/govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
cpSync(
  join(modules, "@ministryofjustice/frontend/moj/moj-frontend.min.js"),
  join(out, "js", "moj-frontend.min.js"),
);
// Icons only: no GOV.UK fonts (the provider's brand uses Arial), and never the crown or crest.
cpSync(join(modules, "govuk-frontend/dist/govuk/assets/images"), join(out, "govuk", "assets", "images"), {
  recursive: true,
  filter: (source) => !/crown|crest|govuk-icon|favicon|opengraph/i.test(source),
});
cpSync(join(modules, "@ministryofjustice/frontend/moj/assets/images"), join(out, "govuk", "assets", "images"), {
  recursive: true,
  filter: (source) => /images$|icon-[\w-]+\.(svg|png)$/.test(source),
});
// collectstatic's manifest fails on any url() it cannot find: check here, where the fix belongs.
const missing = [...css.matchAll(/url\("?\/static\/([^")]+)"?\)/g)]
  .map((match) => match[1])
  .filter((path) => !existsSync(join(out, path)) && !existsSync(join(root, "senmediation", "static", path)));
if (missing.length > 0) {
  console.error(`The stylesheet refers to files the build does not contain: ${[...new Set(missing)].join(", ")}`);
  process.exit(1);
}
console.log("Front end built into static_build/");
