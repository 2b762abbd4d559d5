FROM python:3.12-alpine
RUN apk update && apk add gcc musl-dev libxml2-dev libxslt-dev libffi-dev openssl-dev
WORKDIR /crawler
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV SCRAPY_SETTINGS_MODULE=crawler.settings \
    PROXY_PASSWORD=${PROXY_PASSWORD}
CMD ["scrapy", "crawl", "catalog"]
