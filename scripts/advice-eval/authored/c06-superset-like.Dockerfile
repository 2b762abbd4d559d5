ARG PY_VER=3.10-slim-bookworm
FROM node:18-bullseye-slim AS superset-node
WORKDIR /app/superset-frontend
COPY superset-frontend/package.json superset-frontend/package-lock.json ./
RUN npm ci
COPY superset-frontend /app/superset-frontend
RUN npm run build

FROM python:${PY_VER} AS lean
WORKDIR /app
ENV SUPERSET_HOME="/app/superset_home"
RUN mkdir -p ${SUPERSET_HOME} \
    && useradd --user-group -d ${SUPERSET_HOME} -m --no-log-init --shell /bin/bash superset \
    && apt-get update -qq && apt-get install -yqq --no-install-recommends \
        curl default-libmysqlclient-dev libsasl2-dev libsasl2-modules-gssapi-mit libpq-dev libecpg-dev libldap2-dev \
    && rm -rf /var/lib/apt/lists/*
COPY --chown=superset:superset setup.py MANIFEST.in README.md ./
COPY --chown=superset:superset requirements/base.txt requirements/
RUN --mount=type=cache,target=/root/.cache/pip \
    apt-get update -qq && apt-get install -yqq --no-install-recommends build-essential \
    && pip install -r requirements/base.txt \
    && apt-get autoremove -yqq --purge build-essential \
    && rm -rf /var/lib/apt/lists/*
COPY --chown=superset:superset --from=superset-node /app/superset/static/assets superset/static/assets
COPY --chown=superset:superset superset superset
RUN pip install --no-cache-dir -e .
USER superset
