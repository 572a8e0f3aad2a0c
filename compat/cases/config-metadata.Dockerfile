ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ENV A=1 B="two words"
ARG X=3
LABEL org.example.a="x" b=$X
EXPOSE 80 443/tcp 53/udp
VOLUME /data
STOPSIGNAL SIGTERM
USER 1000:1000
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["echo hi"]
