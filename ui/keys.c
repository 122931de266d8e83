#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "keys.h"
#include "strbuf.h"
#include "text.h"

const struct key_action key_actions[] = {
#define X(a, name, keys, help) {a, name, keys, help},
	KEY_ACTIONS(X)
#undef X
};
const size_t nkey_actions = sizeof key_actions / sizeof key_actions[0];

#define MAX_BINDINGS 128

/* Actions of review mode only: their keys do not take a key from the board. */
static int
review_only(enum action a)
{
	return a == A_NEXT || a == A_PREV;
}

static struct {
	int key;
	enum action action;
} bindings[MAX_BINDINGS];
static size_t nbindings;

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Up", K_UP},	    {"Down", K_DOWN},	  {"Left", K_LEFT},	{"Right", K_RIGHT},
	{"Home", K_HOME},   {"End", K_END},	  {"PgUp", K_PGUP},	{"PgDn", K_PGDN},
	{"Delete", K_DELETE}, {"Tab", K_TAB},	  {"S-Tab", K_BTAB},	{"Enter", K_ENTER},
	{"Esc", K_ESC},	    {"Space", ' '},	  {"Backspace", K_BACKSPACE},
};

int
key_parse(const char *name)
{
	uint32_t cp;

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if (strncmp(name, "C-", 2) == 0 && name[2] >= 'a' && name[2] <= 'z' && name[3] == '\0')
		return name[2] - 'a' + 1;
	if (name[0] != '\0' && name[utf8_decode(name, &cp)] == '\0' && cp > ' ' && cp != 0xfffd)
		return (int)cp;
	return -1;
}

const char *
key_name(int key, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(buf, len, "%s", key_names[i].name);
			return buf;
		}
	if (key >= 1 && key <= 26)
		snprintf(buf, len, "C-%c", 'a' + key - 1);
	else if (key < 0x80)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "U+%04X", key);
	return buf;
}

static void
unbind_action(enum action a)
{
	size_t k = 0;

	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].action != a)
			bindings[k++] = bindings[i];
	nbindings = k;
}

/* Binds a space-separated list of key names; the last binding of a key wins. */
static int
bind_list(enum action a, const char *list, const char *where, struct dd_err *err)
{
	char buf[256], *save = NULL;

	snprintf(buf, sizeof buf, "%s", list);
	for (char *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		int key = key_parse(tok);

		if (key < 0)
			return err_set(err, DD_DATAERR, "%s: [keys] %s: unknown key '%s'", where,
				       key_actions[a - 1].name, tok);
		for (size_t i = 0; i < nbindings; i++)
			if (bindings[i].key == key &&
			    review_only(bindings[i].action) == review_only(a))
				bindings[i].action = A_NONE; /* moved to this action */
		if (nbindings < MAX_BINDINGS) {
			bindings[nbindings].key = key;
			bindings[nbindings].action = a;
			nbindings++;
		}
	}
	return DD_OK;
}

int
keys_init(const struct config *cfg, struct dd_err *err)
{
	nbindings = 0;
	for (size_t i = 0; i < nkey_actions; i++)
		bind_list(key_actions[i].action, key_actions[i].defaults, "built-in", err);
	for (size_t i = 0; cfg != NULL && i < cfg->key_actions.n; i++) {
		enum action a = A_NONE;

		for (size_t k = 0; k < nkey_actions; k++)
			if (strcmp(key_actions[k].name, cfg->key_actions.v[i]) == 0)
				a = key_actions[k].action;
		if (a == A_NONE)
			return err_set(err, DD_DATAERR,
				       "%s: [keys]: unknown action '%s' (see dealdeck(1), Keys)",
				       cfg->key_where.v[i], cfg->key_actions.v[i]);
		unbind_action(a);
		if (bind_list(a, cfg->key_values.v[i], cfg->key_where.v[i], err) != DD_OK)
			return err->code;
	}
	return DD_OK;
}

enum action
keys_lookup(int key)
{
	for (size_t i = nbindings; i-- > 0;)
		if (bindings[i].key == key && !review_only(bindings[i].action))
			return bindings[i].action;
	return A_NONE;
}

enum action
keys_lookup_review(int key)
{
	for (size_t i = nbindings; i-- > 0;)
		if (bindings[i].key == key && review_only(bindings[i].action))
			return bindings[i].action;
	return keys_lookup(key);
}

void
keys_of(enum action a, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nbindings && o + 16 < len; i++) {
		char name[16];

		if (bindings[i].action != a)
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? " " : "",
				      key_name(bindings[i].key, name, sizeof name));
	}
}
