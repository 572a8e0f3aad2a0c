ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ARG D=/dest
ENV F=a.txt
COPY ${F} ${D}/
