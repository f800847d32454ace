// Builds the service's CSS and copies the design systems' scripts and assets into static_build/.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
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
writeFileSync(join(out, "css", "main.css"), result.css);

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
console.log("Front end built into static_build/");
