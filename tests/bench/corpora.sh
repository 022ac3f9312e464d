# shellcheck shell=bash
# Benchmark corpora, all from Debian, shared by the scripts in tests/bench (sourced, not run).
# Unpacked trees live in $GLOSS_CORPORA (default /var/tmp/gloss-corpora) and are reused.
CORPORA="${GLOSS_CORPORA:-/var/tmp/gloss-corpora}"

# Installs the Debian packages that are missing, quietly; nothing when all are there.
need() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Prints the folder of a corpus: go, python or linux (Debian's tree, as packaged), or
# linux-checkout (the same files hard-linked, with the root .gitignore of a kernel checkout).
corpus_dir() {
  case "$1" in
    go) echo /usr/share/go-1.19/src ;;
    python) echo /usr/lib/python3.11 ;;
    linux)
      if [ ! -d "$CORPORA/linux-source-6.1" ]; then
        mkdir -p "$CORPORA"
        tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$CORPORA"
      fi
      echo "$CORPORA/linux-source-6.1" ;;
    linux-checkout)
      # Debian appends "/*" and "!/debian/" to the kernel's root .gitignore, which ignores the
      # whole tree for any tool that honours it; a checkout has no such lines.
      local tree="$CORPORA/linux-6.1-checkout"
      if [ ! -d "$tree" ]; then
        local packaged
        packaged="$(corpus_dir linux)"
        rm -rf "$tree.partial"
        cp -al "$packaged" "$tree.partial"
        # A new file, not an edit: the original is the same inode in the packaged tree.
        grep -v -x -e '/\*' -e '!/debian/' "$packaged/.gitignore" >"$tree.partial/.gitignore.new"
        mv "$tree.partial/.gitignore.new" "$tree.partial/.gitignore"
        mv "$tree.partial" "$tree"
      fi
      echo "$tree" ;;
  esac
}
