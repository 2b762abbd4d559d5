FROM python:3.10-slim-bullseye
RUN apt-get update && apt-get install -y wget gnupg unzip curl \
    && wget -q -O /tmp/chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb \
    && apt-get install -y /tmp/chrome.deb \
    && rm /tmp/chrome.deb \
    && rm -rf /var/lib/apt/lists/*
RUN curl -sSLo /tmp/chromedriver.zip https://storage.example.com/chromedriver_linux64.zip \
    && unzip /tmp/chromedriver.zip -d /usr/local/bin/
RUN rm -f /tmp/chromedriver.zip
WORKDIR /scraper
COPY requirements.txt .
RUN python -m pip install --upgrade pip && python -m pip install -r requirements.txt
COPY . .
CMD ["python", "main.py"]
