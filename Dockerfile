# syntax=docker/dockerfile:1
#
# ieum API image. Build: `docker compose build` (or `docker build -t ieum:local .`).
# Runs as the unprivileged user `ieum`; the default command serves the API on :8000. Migrations are a
# separate one-off command (`docker compose run --rm migrate` → `ieum db upgrade`). Keys and database
# passwords come from the environment at run time — nothing secret is baked into the image.
# See docs/deployment.md.

ARG PYTHON_IMAGE=python:3.11-slim

# ---------------------------------------------------------------------------------------------------
# Frontend build stage: the caseworker SPA (its API types are generated and committed, so the build
# needs nothing outside frontend/). api/main.py serves PROJECT_ROOT/frontend/dist at /.
# ---------------------------------------------------------------------------------------------------
FROM node:20-slim AS frontend
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# ---------------------------------------------------------------------------------------------------
# Build stage: a virtualenv in /opt/venv with the dependencies and the `ieum` command.
# ---------------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so this layer is rebuilt only when they change.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; open('/tmp/requirements.txt', 'w').write(chr(10).join(deps) + chr(10))" \
 && pip install -r /tmp/requirements.txt

# The project itself, installed *editable*: the code stays in /app (the runtime stage copies it to
# the same path), because the app finds alembic.ini, migrations/ and reference/ next to its
# packages (api.config.PROJECT_ROOT = /app). The venv gets the `ieum` console script and a path
# hook to /app/api and /app/domain — no second copy of the code in site-packages.
COPY api ./api
COPY domain ./domain
RUN pip install --no-deps --editable .

# ---------------------------------------------------------------------------------------------------
# Runtime stage.
# ---------------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1

# Korean TrueType fonts embedded in notices and certificates (api/notices/fonts.py).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-nanum \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system ieum \
 && useradd --system --gid ieum --home-dir /app --no-create-home --shell /usr/sbin/nologin ieum

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
COPY pyproject.toml alembic.ini ./
COPY api ./api
COPY domain ./domain
COPY migrations ./migrations
COPY reference ./reference
COPY --from=frontend /frontend/dist ./frontend/dist

# Byte-compile once as root (the app files stay root-owned and read-only for `ieum`).
RUN python -m compileall -q api domain migrations

USER ieum

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4); sys.exit(0 if r.status == 200 else 1)"]

ENTRYPOINT ["ieum"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
