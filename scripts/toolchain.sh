# Sourced by the scripts: puts the tools setup.sh installs first on PATH (rustup's cargo, and the
# Node.js it fetches when the distribution's is too old for the front end's build tools).
export PATH="$PWD/.tools/node/bin:$HOME/.cargo/bin:$PATH"
