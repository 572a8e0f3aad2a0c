ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN echo 'app:x:1500:1600::/home/app:/bin/sh' >> /etc/passwd && echo 'grp:x:1600:' >> /etc/group
COPY --chown=app:grp a.txt /o/
COPY --chown=app dir /o2/
