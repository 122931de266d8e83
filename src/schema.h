/* Forward migrations: migrations[i] takes a database from version i to i+1. */
#ifndef DD_SCHEMA_H
#define DD_SCHEMA_H

extern const char *const schema_migrations[];
extern const int schema_nmigrations;

#endif
