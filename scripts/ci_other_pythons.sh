#!/usr/bin/env bash
# CI on the other Pythons albumen supports (README: 3.11 or newer; issue 19: 3.11 to 3.13). For each version: a fresh
# virtual environment with the project and its test extras (make setup's two pip commands, -c constraints.txt),
# the test suite without the browser tests (the main 3.11 run has those: Chromium and Playwright do not change
# with the Python version), and the example built by that environment's albumen.
#   bash scripts/ci_other_pythons.sh            # 3.12 and 3.13
#   bash scripts/ci_other_pythons.sh 3.13       # one version
# A version with no interpreter on this machine is skipped with a line saying so; a failure stops with exit 1.
# Run from .ci/run after the wheel check, so node_modules/ and theme/vendor/ are already set up (make setup).
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests: marked `browser`, and test_browser_objects.py (it drives Chromium but has no mark).
# Everything else runs, one process (pytest-xdist is not installed): about 9 minutes a version on 2 cores.
PYTEST_ARGS=(-q -p no:cacheprovider -m "not browser" --ignore=tests/test_browser_objects.py)

# The interpreter for VERSION (3.12): python3.12 on PATH if it runs (a pyenv shim is on PATH and fails when pyenv
# has not selected that version), else the newest ~/.pyenv/versions/3.12.*/bin/python3.12. Prints its real path.
find_python() {
  local version="$1" candidate
  if "python$version" -c 'pass' >/dev/null 2>&1; then
    "python$version" -c 'import sys; print(sys.executable)'
    return 0
  fi
  for candidate in $(ls -d "$HOME"/.pyenv/versions/"$version".*/bin/"python$version" 2>/dev/null | sort -rV); do
    if "$candidate" -c 'pass' >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# Fresh venv in $1/venv with python $2: the project (editable, as make setup) with its dev extras, pinned.
install_project() {
  local work="$1" python="$2"
  "$python" -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
  # iiif-prezi3 pins a Pillow albumen does not use: the Makefile installs it without its dependencies too.
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check -c constraints.txt --no-deps 'iiif-prezi3==3.1.1'
}

# The example built from a copy by the venv's albumen in $1 (for python $2), run from elsewhere; its front page must be there.
build_example() {
  local work="$1" version="$2"
  cp -r examples/ichigo "$work/ichigo"
  rm -rf "$work/ichigo/_site" "$work/ichigo/.albumen"
  (cd "$work" && ./venv/bin/albumen build -q -C ichigo)
  test -s "$work/ichigo/_site/index.html" || { echo "the example built on $version has no index.html" >&2; return 1; }
}

# Several versions (or none named: 3.12 and 3.13): each in a bash of its own, so that one failing still lets the
# next run (and say whether it passes there too); the exit status is 1 if any failed.
if [ $# -ne 1 ]; then
  versions=("$@")
  [ ${#versions[@]} -gt 0 ] || versions=(3.12 3.13)
  failed=()
  for version in "${versions[@]}"; do
    bash "$0" "$version" || failed+=("$version")
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "other Pythons: FAILED on python ${failed[*]} (see above)" >&2
    exit 1
  fi
  exit 0
fi

version="$1"
if ! python="$(find_python "$version")"; then
  echo "python $version: SKIPPED: no working python$version on PATH and none in ~/.pyenv/versions/$version.*" >&2
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=$SECONDS
echo "python $version: $python ($("$python" -c 'import platform; print(platform.python_version())'))"
install_project "$work" "$python"
echo "python $version: installed in $((SECONDS - start)) s"
tests_start=$SECONDS
"$work/venv/bin/python" -m pytest "${PYTEST_ARGS[@]}"
echo "python $version: tests passed in $((SECONDS - tests_start)) s"
build_example "$work" "$version"
echo "python $version: installed, tested and built the example in $((SECONDS - start)) s"
