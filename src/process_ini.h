/* The process file (dealdeck-process(5)): read with checks, written back canonically. */
#ifndef DD_PROCESS_INI_H
#define DD_PROCESS_INI_H

#include <stdio.h>

#include "error.h"
#include "process.h"

/*
 * Loads and checks a process file. On a broken file err holds one
 * "FILE:LINE: message" line per problem and the code is DD_DATAERR; an
 * unreadable file gives DD_FAIL. Nothing is changed on failure.
 */
int process_ini_load(const char *path, struct process *out, struct dd_err *err);
/* The same from text in memory; name is used in messages. */
int process_ini_load_text(const char *name, const char *text, size_t len, struct process *out,
			  struct dd_err *err);
/* Writes the process as an ini file that process_ini_load reads back the same. */
void process_ini_write(const struct process *p, FILE *f);

/* The default process (data/process.ini), built into the program. */
extern const char process_default_ini[];

#endif
