# Shared by scripts/serve and scripts/test: a virtual environment in .venv with errcat
# from this checkout (editable) and the exact versions this site builds with
# (requirements/site.txt). Sourced, not run.

export NO_MKDOCS_2_WARNING=1  # Material's end-of-life notice, printed on every run

install_python_packages() {  # $1: what to install, e.g. . or .[test]
  local python=${PYTHON:-python3}
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: Python 3.11 or newer is needed as '$python' (set PYTHON=...)" >&2
    exit 1
  fi
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --editable "$1" -r requirements/site.txt
}
