ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN echo 'u:x:1300:1300::/home/u:/bin/sh' >> /etc/passwd && echo 'u:x:1300:' >> /etc/group
USER u
WORKDIR /home/u/work
