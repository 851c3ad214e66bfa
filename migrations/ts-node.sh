#!/usr/bin/env sh
# `anchor migrate` writes a CommonJS host script to .anchor/deploy.ts (it require()s
# migrations/deploy.ts) and runs `npm run ts-node <host>` (the "ts-node" script of package.json).
# The root package is ESM ("type": "module"), so bundle the host to CommonJS with esbuild (ships
# with tsx) and run it with tsx registered (`--import tsx`): its require hook loads
# migrations/deploy.ts (CommonJS through migrations/package.json), and its ESM loader runs the
# client SDK, which deploy.ts loads with import() so that it stays ESM.
set -eu
host="$1"
out="${host%.ts}.cjs"
npx esbuild "$host" --format=cjs --platform=node --log-level=warning --outfile="$out"
exec node --import tsx "$out"
