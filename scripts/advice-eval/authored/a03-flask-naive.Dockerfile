FROM python:3.11
LABEL maintainer="dev@example.org"
RUN apt-get update && apt-get install -y gcc libpq-dev
WORKDIR /usr/src/app
COPY . .
RUN pip install -r requirements.txt
ENV FLASK_APP=app.py
ENV MAIL_PASSWORD=s3cr3tPassw0rd
EXPOSE 5000
CMD ["flask", "run", "--host=0.0.0.0"]
