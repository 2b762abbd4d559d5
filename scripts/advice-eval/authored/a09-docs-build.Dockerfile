# Builds the Sphinx docs and serves them with nginx.
FROM python:3.12-slim AS docs
WORKDIR /docs
COPY docs/requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY docs/ .
COPY src/ /src/
RUN sphinx-build -b html . /site

FROM node:20-slim AS assets
WORKDIR /assets
COPY theme/package.json theme/yarn.lock ./
RUN yarn install --frozen-lockfile --network-timeout 1000000
COPY theme/ .
RUN yarn build

FROM nginx:1.27-alpine
COPY --from=docs /site /usr/share/nginx/html
COPY --from=assets /assets/dist /usr/share/nginx/html/_static/theme
