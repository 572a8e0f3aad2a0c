ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
# BuildKit keeps what RUN and COPY write under a volume after the VOLUME line (the legacy builder and Kaniko drop it)
RUN mkdir /v && echo before > /v/before
VOLUME /v
RUN echo after > /v/after
COPY a.txt /v/copied
