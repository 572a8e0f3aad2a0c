ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ARG V=argval
ENV E=envval
RUN echo "$V $E" > /vals
