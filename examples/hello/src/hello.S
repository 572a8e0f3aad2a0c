/* hello: the example image's program. Prints /app/message.txt (prefixed by $GREETING when set) with
 * Linux x86-64 system calls only: no libc, no loader, so it runs in a FROM scratch image.
 * Built by build.sh (GNU as + ld, static); the result is committed as ../bin/hello. */
        .globl _start
        .text
_start:
        mov     (%rsp), %rcx            /* argc */
        lea     16(%rsp,%rcx,8), %rbx   /* envp: after argv and its NULL */
find_env:
        mov     (%rbx), %rsi
        test    %rsi, %rsi
        jz      open_file
        add     $8, %rbx
        lea     greeting_name(%rip), %rdi
        mov     $9, %rcx                /* "GREETING=" */
        mov     %rsi, %r8
        repe cmpsb
        jne     find_env
        mov     %rsi, %r12              /* value */
        xor     %rdx, %rdx
length:
        cmpb    $0, (%r12,%rdx)
        je      print_greeting
        inc     %rdx
        jmp     length
print_greeting:
        test    %rdx, %rdx
        jz      open_file
        mov     $1, %eax                /* write(1, value, len) */
        mov     $1, %edi
        mov     %r12, %rsi
        syscall
        mov     $1, %eax                /* write(1, ": ", 2) */
        mov     $1, %edi
        lea     colon(%rip), %rsi
        mov     $2, %edx
        syscall
open_file:
        mov     $2, %eax                /* open(path, O_RDONLY) */
        lea     path(%rip), %rdi
        xor     %esi, %esi
        syscall
        test    %rax, %rax
        js      fail
        mov     %rax, %r13
        sub     $4096, %rsp
copy:
        xor     %eax, %eax              /* read(fd, buf, 4096) */
        mov     %r13, %rdi
        mov     %rsp, %rsi
        mov     $4096, %edx
        syscall
        test    %rax, %rax
        jle     done
        mov     %rax, %rdx              /* write(1, buf, n) */
        mov     $1, %eax
        mov     $1, %edi
        mov     %rsp, %rsi
        syscall
        jmp     copy
done:
        mov     $60, %eax               /* exit(0) */
        xor     %edi, %edi
        syscall
fail:
        mov     $1, %eax                /* write(2, message, len); exit(1) */
        mov     $2, %edi
        lea     cannot(%rip), %rsi
        mov     $cannot_len, %edx
        syscall
        mov     $60, %eax
        mov     $1, %edi
        syscall

        .section .rodata
greeting_name:  .ascii "GREETING="
colon:          .ascii ": "
path:           .asciz "/app/message.txt"
cannot:         .ascii "hello: cannot open /app/message.txt\n"
        .set cannot_len, . - cannot
