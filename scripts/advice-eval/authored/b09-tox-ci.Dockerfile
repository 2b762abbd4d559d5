FROM python:latest
RUN pip install tox
WORKDIR /src
COPY . /src
RUN tox -e py --notest
CMD ["tox"]
