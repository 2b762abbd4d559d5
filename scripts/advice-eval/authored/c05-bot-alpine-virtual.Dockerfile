FROM python:3.12-alpine3.20
WORKDIR /bot
COPY requirements.txt .
RUN apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev \
    && pip install --no-cache-dir -r requirements.txt \
    && apk del .build-deps
RUN apk add --no-cache ffmpeg opus
COPY . .
ENV TELEGRAM_BOT_TOKEN=YOUR_TOKEN_HERE
CMD ["python", "bot.py"]
