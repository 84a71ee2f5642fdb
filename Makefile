# ghe.admin developer entry points. `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
BUILD ?= build
# ansible-test must run from .../ansible_collections/<namespace>/<name>
COLLECTION := $(BUILD)/collections/ansible_collections/ghe/admin
INTEGRATION_TARGETS ?=

.PHONY: help venv collection sanity units integration integration-modules integration-playbooks lint changelog-lint test demo simulator build clean \
        ecosystem docs docs-lint release release-notes ee-context test-matrix matrix-oldest matrix-newest matrix-venvs benchmark molecule

help:
	@echo "make demo   - build, install and run the example playbook against the simulator (twice)"
	@echo "make test   - sanity, unit, integration, lint and changelog checks"
	@echo "make simulator - run the GHES simulator in the foreground"

venv: $(VENV)/.installed

$(VENV)/.installed: tools/requirements-dev.txt requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# uv installs the same requirements, compiled, in a fraction of pip's time; pip does it when uv cannot be had.
	$(BIN)/pip install --quiet uv && $(BIN)/uv pip install --quiet --python $(PY) --compile-bytecode \
	    -r tools/requirements-dev.txt -r requirements.txt \
	    || $(BIN)/pip install --quiet -r tools/requirements-dev.txt -r requirements.txt
	touch $@

# A copy of the working tree where ansible-test expects a collection to be. Under tools/stages.sh (STAGED=1) it was
# made once before the stages started, and stages running side by side must not replace it.
collection: venv
ifeq ($(STAGED),)
	tools/collection_copy.sh $(BUILD)/collections >/dev/null
endif

# Every pyenv Python from 3.9 up is offered to ansible-test, so that compile and import run on each Python
# the modules support.
sanity: collection
	$(PY) tools/ansible_test_pip_bootstrap.py >/dev/null
	pythons=$$(tools/pyenv_versions.sh $(abspath $(BUILD))/pythons) && cd $(COLLECTION) && \
	    PATH=$${pythons:+$$pythons:}$$PATH $(CURDIR)/$(BIN)/ansible-test sanity --venv --color no

units: collection
	cd $(COLLECTION) && $(CURDIR)/$(BIN)/ansible-test units --local --python 3.11 --color no
	cd tests/simulator && $(CURDIR)/$(PY) -m pytest -q

# The whole integration suite on the main ansible-core, in a copy of its own.
integration: venv
	tools/run_integration.sh "$$(tools/collection_copy.sh $(BUILD)/integration-main)" $(INTEGRATION_TARGETS)

# The same suite in two parts that `make test` runs side by side: the module targets (tasks/main.yml, a module
# through Ansible) and everything else (playbooks, roles, the leak and reliability scenarios: runme.sh).
MODULE_TARGETS := $(sort $(filter-out setup_%,$(patsubst tests/integration/targets/%/tasks/main.yml,%,\
    $(wildcard tests/integration/targets/*/tasks/main.yml))))
integration-modules: venv
	tools/run_integration.sh "$$(tools/collection_copy.sh $(BUILD)/integration-modules)" $(MODULE_TARGETS)

integration-playbooks: venv
	tools/run_integration.sh "$$(tools/collection_copy.sh $(BUILD)/integration-playbooks)" \
	    $(addprefix --exclude ,$(MODULE_TARGETS))

lint: collection
	ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/collections $(BIN)/ansible-lint --profile production --offline

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

# The roles' molecule scenarios (extensions/molecule: default driver, no platforms; each scenario starts and
# stops its own simulators on 127.0.0.1). They use the collection copy they run from (no prerun installing it);
# ANSIBLE_HOME is kept under $(BUILD) so that ~/.ansible is not touched; molecule calls ansible-config, hence the PATH.
molecule: venv
	dest=$$(tools/collection_copy.sh $(BUILD)/molecule) && cd "$$dest" && PATH=$(CURDIR)/$(BIN):$$PATH \
	    ANSIBLE_HOME=$(abspath $(BUILD))/ansible-home ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/molecule \
	    $(CURDIR)/$(BIN)/molecule test --all

# Suspends N users with the module, an ansible.builtin.uri loop and raw requests; prints the ratios.
benchmark: venv
	$(PY) tests/benchmarks/suspend_users.py $(BENCHMARK_ARGS)

ecosystem: venv
	$(PY) -m pytest -q -p no:cacheprovider tests/ecosystem

docs-lint: collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/antsibull-docs lint-collection-docs --plugin-docs $(COLLECTION)

docs: collection
	rm -rf $(BUILD)/docs
	mkdir -p $(BUILD)/docs
	ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/collections $(BIN)/antsibull-docs sphinx-init --use-current \
	    --dest-dir $(BUILD)/docs --fail-on-error ghe.admin
	@# Links into Ansible's own docs (common_return_values, ...) go through intersphinx, which needs the network:
	@# build offline, leaving those few references unlinked.
	printf "intersphinx_mapping = {}\nsuppress_warnings = ['ref.ref']\n" >> $(BUILD)/docs/conf.py
	$(BIN)/pip install --quiet -r $(BUILD)/docs/requirements.txt
	cd $(BUILD)/docs && PATH=$(CURDIR)/$(BIN):$$PATH ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/collections ./build.sh
	@echo "HTML documentation: $(BUILD)/docs/build/html/index.html"

# The oldest ansible-core we claim and the newest, each on a Python it supports, run the compatibility subset: the
# targets with the alias `compat`: the roles' converges (module happy paths through action plugins and module_defaults
# groups, no_log at -vvvv), export and drift, a Manage API job. Everything else does not depend on the ansible-core version and runs once, in `integration`.
COMPAT_TARGETS ?= compat/
OLDEST := oldest 3.11 'ansible-core>=2.16.0,<2.17'
NEWEST := newest 3.12 'ansible-core<2.22'
matrix-oldest: venv
	tools/matrix.sh $(OLDEST) $(or $(INTEGRATION_TARGETS),$(COMPAT_TARGETS))

matrix-newest: venv
	tools/matrix.sh $(NEWEST) $(or $(INTEGRATION_TARGETS),$(COMPAT_TARGETS))

# Both matrix environments, side by side (make test starts this in the background at once).
matrix-venvs:
	tools/matrix.sh --venv-only $(OLDEST) & oldest=$$!; tools/matrix.sh --venv-only $(NEWEST); newest=$$?; \
	    wait $$oldest && exit $$newest

test-matrix: matrix-oldest matrix-newest

# Everything, on one worker per core, each taking the next stage not yet started (longest first), with the time of
# each stage at the end.
STAGES ?= integration-playbooks integration-modules units sanity matrix-newest matrix-oldest molecule ecosystem \
          docs lint docs-lint changelog-lint
test:
	tools/stages.sh $(STAGES)

build: venv
	mkdir -p $(BUILD)
	$(BIN)/ansible-galaxy collection build --force --output-path $(BUILD) .

# The tarball of the version in galaxy.yml and its notes (the CHANGELOG.rst section written by `make release-notes`).
VERSION = $(shell sed -n 's/^version: *//p' galaxy.yml)
release: changelog-lint build
	$(PY) tools/release_notes.py $(VERSION) >$(BUILD)/ghe-admin-$(VERSION).notes.rst
	@echo "Release tarball: $(BUILD)/ghe-admin-$(VERSION).tar.gz"
	@echo "Release notes:   $(BUILD)/ghe-admin-$(VERSION).notes.rst"

# Turns the fragments into CHANGELOG.rst for the version in galaxy.yml (run once per release).
release-notes: collection
	PATH=$(CURDIR)/$(BIN):$$PATH ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/collections $(BIN)/antsibull-changelog release

# The execution environment's build context, installing this checkout's collection tarball.
ee-context: build
	@echo "Build context: $$(tools/ee_context.sh "$$(ls -t $(BUILD)/ghe-admin-*.tar.gz | head -n 1)" $(BUILD)/ee)"

demo: build
	tools/demo.sh

simulator: venv
	PYTHONPATH=tests/simulator $(PY) -m ghe_simulator --host 127.0.0.1 --port $${PORT:-8080}

clean:
	rm -rf $(BUILD) tests/output
