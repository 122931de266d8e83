#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "wrap.h"
#include "xmalloc.h"

size_t
wrap_line(const char *p, int w, const char **next)
{
	const char *q = p, *brk = NULL;
	int cols = 0;

	while (*q) {
		uint32_t cp;
		size_t k = utf8_decode(q, &cp);
		int cw = cp_width(cp);

		if (cw < 0)
			cw = 1; /* as the canvas draws it */
		if (cols + cw > w && q > p)
			break;
		if (cp == ' ')
			brk = q;
		cols += cw;
		q += k;
	}
	if (*q != '\0' && *q != ' ' && brk != NULL && brk > p)
		q = brk; /* end at the last space that fits */
	*next = q;
	while (**next == ' ')
		(*next)++;
	return (size_t)(q - p);
}

int
wrap_rows(const char *p, int w)
{
	const char *next;
	int n = 0;

	if (w <= 0)
		return 1;
	do {
		wrap_line(p, w, &next);
		n++;
		p = next;
	} while (*p);
	return n;
}

void
wrap_push(struct strvec *out, const char *line, int w, int indent)
{
	const char *p = line, *next;
	int first = 1;

	if (indent > w / 2)
		indent = w / 2; /* a narrow screen keeps room for the text */
	do {
		int room = first ? w : w - indent;
		size_t len = wrap_line(p, room > 0 ? room : 1, &next);
		char *piece = xmalloc((size_t)(first ? 0 : indent) + len + 1);

		memset(piece, ' ', first ? 0 : (size_t)indent);
		memcpy(piece + (first ? 0 : indent), p, len);
		piece[(first ? 0 : indent) + len] = '\0';
		strvec_push_owned(out, piece);
		first = 0;
		p = next;
	} while (*p);
}
