/* The extension's one C file: PHP's stream API is macros over structs that ext-php-rs does not bind. */
#include "php.h"

/* Wraps a file descriptor in a read-only PHP stream resource stored in `out`; the stream owns (and closes) the
 * descriptor. Returns 0 when PHP could not make the stream. */
int amqp_confirm_stream_from_fd(int fd, zval *out)
{
    php_stream *stream = php_stream_fopen_from_fd(fd, "r", NULL);
    if (stream == NULL) {
        return 0;
    }
    php_stream_to_zval(stream, out);
    return 1;
}
