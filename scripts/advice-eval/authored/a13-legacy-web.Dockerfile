FROM python:3.8
ENV DEBIAN_FRONTEND noninteractive
RUN apt-get update && apt-get upgrade -y
RUN apt-get install -y nodejs npm libmariadb-dev
ADD . /code
WORKDIR /code
RUN pip install -r requirements.txt
RUN cd frontend && npm install && npm run build
RUN rm -rf /code/frontend/node_modules
ENV SECRET_KEY=dev-insecure-7d1f0b2a9c
EXPOSE 8000
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
