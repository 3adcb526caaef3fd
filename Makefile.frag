# Builds amqp_confirm.so with cargo (release profile) for the PHP this phpize belongs to; CARGO_TARGET_DIR, when
# set, is where cargo builds (and keeps its cache).
AMQP_CONFIRM_TARGET = $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),$(srcdir)/target)
AMQP_CONFIRM_SO = $(AMQP_CONFIRM_TARGET)/release/libamqp_confirm.so

$(phplibdir)/amqp_confirm.so: amqp-confirm-cargo
	@mkdir -p $(phplibdir)
	cp $(AMQP_CONFIRM_SO) $@

amqp-confirm-cargo:
	cd $(srcdir) && PHP_CONFIG="$(AMQP_CONFIRM_PHP_CONFIG)" PHP="$(PHP_EXECUTABLE)" "$(CARGO)" build --release

.PHONY: amqp-confirm-cargo
