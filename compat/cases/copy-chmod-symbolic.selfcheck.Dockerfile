ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY --chmod=u+x,g-r a.txt /s/
COPY --chmod=a=rX dir /sd/
RUN [ "$(stat -c %a /s/a.txt)" = 704 ] && [ "$(stat -c %a /sd/sub)" = 555 ] && [ "$(stat -c %a /sd/sub/c.txt)" = 444 ]
