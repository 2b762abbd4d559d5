FROM python:3.12-slim AS build
WORKDIR /site
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN mkdocs build --strict --site-dir /public

FROM caddy:2.8-alpine
COPY --from=build /public /srv
COPY Caddyfile /etc/caddy/Caddyfile
