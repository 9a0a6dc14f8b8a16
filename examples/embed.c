/*
 * embed.c - a small program that embeds libsgguard.
 *
 * It uses nothing but the installed header and pkg-config:
 *
 *     cc embed.c $(pkg-config --cflags --libs sgguard) -o embed
 *
 * Without arguments it builds, with the builder functions, the situation of
 * the technote: agent 1428 is talking while logged into skill group
 * 5000:40424 (id 5019), and someone wants to delete that group. With
 * arguments it loads a configuration export and a session snapshot instead:
 *
 *     embed [CONFIG SESSIONS REF [AT]]
 *
 * Either way it checks the removal, prints the verdict and what blocks it,
 * and exits 0 when the removal is allowed, 1 when it is blocked and 2 when
 * the check could not be done.
 *
 * SPDX-License-Identifier: MIT
 */
#include <sgguard.h>

#include <stdio.h>

/* Fill @p cfg and @p snap in memory: no JSON involved. */
static int build_technote(sgg_config **cfg_out, sgg_sessions **snap_out, sgg_time *at,
                          sgg_error *err)
{
	static const int64_t ana_groups[] = { 5019, 5020 };
	static const int64_t marc_groups[] = { 5019, 5022 };
	static const int64_t ana_session[] = { 5019, 5020 };
	sgg_skill_group literature = { 0 }, literature_pri = { 0 }, billing = { 0 };
	sgg_agent ana = { 0 }, marc = { 0 };
	sgg_session talking = { 0 };
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_time taken_at;
	int rc;

	*cfg_out = NULL;
	*snap_out = NULL;

	literature.id = 5019;
	literature.peripheral = 5000;
	literature.number = 40424;
	literature.name = "Literature";
	literature_pri = literature;
	literature_pri.id = 5020;
	literature_pri.priority = 1;
	literature_pri.base = 5019;
	literature_pri.name = "Literature.pri";
	billing.id = 5022;
	billing.peripheral = 5000;
	billing.number = 40425;
	billing.name = "Billing";

	ana.id = 5107;
	ana.peripheral = 5000;
	ana.number = "1428";
	ana.name = "Ana Ruiz";
	ana.team = "Tier 1";
	marc.id = 5108;
	marc.peripheral = 5000;
	marc.number = "1429";
	marc.name = "Marc Dubois";

	if ((rc = sgg_config_new(&cfg, err)) < 0 ||
	    (rc = sgg_config_add_peripheral(cfg, 5000, "PG1A_CUCM", err)) < 0 ||
	    (rc = sgg_config_add_skill_group(cfg, &literature, err)) < 0 ||
	    (rc = sgg_config_add_skill_group(cfg, &literature_pri, err)) < 0 ||
	    (rc = sgg_config_add_skill_group(cfg, &billing, err)) < 0 ||
	    (rc = sgg_config_add_agent(cfg, &ana, ana_groups, 2, err)) < 0 ||
	    (rc = sgg_config_add_agent(cfg, &marc, marc_groups, 2, err)) < 0 ||
	    (rc = sgg_config_add_route(cfg, 7001, "Literature_Route", 5019, err)) < 0 ||
	    (rc = sgg_config_seal(cfg, 0, err)) < 0)
		goto out;

	/* the snapshot of the technote: Ana is on a call, Marc is not logged in */
	if ((rc = sgg_time_parse(&taken_at, "2026-12-01T02:14:55Z", err)) < 0)
		goto out;
	talking.agent = 5107;
	talking.number = "1428";
	talking.state = SGG_STATE_TALKING;
	talking.login_at = taken_at - 4364;
	talking.skill_groups = ana_session;
	talking.n_skill_groups = 2;
	if ((rc = sgg_sessions_new(&snap, taken_at, err)) < 0 ||
	    (rc = sgg_sessions_add_peripheral(snap, 5000, err)) < 0 ||
	    (rc = sgg_sessions_add(snap, &talking, err)) < 0 ||
	    (rc = sgg_sessions_seal(snap, err)) < 0)
		goto out;

	*at = taken_at + 5;
	*cfg_out = cfg;
	*snap_out = snap;
	cfg = NULL; /* now owned by the caller */
	snap = NULL;
out:
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
	return rc;
}

static void print_error(const sgg_error *err)
{
	char line[SGG_ERROR_SOURCE_LENGTH + SGG_ERROR_PATH_LENGTH + SGG_ERROR_TEXT_LENGTH + 32];

	sgg_error_format(err, line, sizeof(line));
	fprintf(stderr, "embed: %s\n", line);
}

int main(int argc, char **argv)
{
	sgg_check_options opts = SGG_CHECK_OPTIONS_INIT;
	const char *ref = "5000:40424";
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_report *report = NULL;
	sgg_verdict verdict;
	sgg_error err;
	int status = 2;

	if (argc == 1) {
		if (build_technote(&cfg, &snap, &opts.at, &err) < 0) {
			print_error(&err);
			goto out;
		}
	} else if (argc == 4 || argc == 5) {
		if (sgg_config_load_file(&cfg, argv[1], 0, &err) < 0 ||
		    sgg_sessions_load_file(&snap, argv[2], &err) < 0 ||
		    (argc == 5 && sgg_time_parse(&opts.at, argv[4], &err) < 0)) {
			print_error(&err);
			goto out;
		}
		ref = argv[3];
	} else {
		fprintf(stderr, "usage: embed [CONFIG SESSIONS REF [AT]]\n");
		goto out;
	}

	if (sgg_check_run(&report, cfg, snap, &ref, 1, &opts, &err) < 0) {
		print_error(&err);
		goto out;
	}
	verdict = sgg_report_verdict(report);
	printf("libsgguard %s: removing %s: %s\n", sgg_version(), ref, sgg_verdict_name(verdict));
	for (size_t i = 0; i < sgg_report_finding_count(report); i++) {
		const sgg_finding *f = sgg_report_finding(report, i);

		if (f->severity < SGG_SEVERITY_BLOCK)
			continue;
		printf("  %s:", sgg_rule_id(f->rule));
		if (f->agent_number)
			printf(" agent %s (%s)", f->agent_number,
			       f->has_state ? sgg_state_name(f->state) : "no session");
		if (f->skill_group)
			printf(" skill group %d:%lld:%d %s", f->skill_group->peripheral,
			       (long long)f->skill_group->number, f->skill_group->priority,
			       f->skill_group->name);
		if (!f->agent_number && !f->skill_group)
			printf(" %s", f->message);
		putchar('\n');
	}
	status = verdict == SGG_VERDICT_ALLOW ? 0 : verdict == SGG_VERDICT_BLOCK ? 1 : 2;
out:
	sgg_report_free(report);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
	return status;
}
