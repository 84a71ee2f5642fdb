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

.PHONY: help venv collection sanity units integration lint changelog-lint test demo simulator build clean \
        ecosystem docs docs-lint release release-notes test-matrix matrix-oldest matrix-newest benchmark molecule integration-all

help:
	@echo "make demo   - build, install and run the example playbook against the simulator (twice)"
	@echo "make test   - sanity, unit, integration, lint and changelog checks"
	@echo "make simulator - run the GHES simulator in the foreground"

venv: $(VENV)/.installed

$(VENV)/.installed: tools/requirements-dev.txt requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r tools/requirements-dev.txt -r requirements.txt
	touch $@

# A copy of the working tree where ansible-test expects a collection to be.
collection: venv
	tools/collection_copy.sh $(BUILD)/collections >/dev/null

# Every pyenv Python from 3.9 up is offered to ansible-test, so that compile and import run on each Python
# the modules support.
sanity: collection
	$(PY) tools/ansible_test_pip_bootstrap.py >/dev/null
	pythons=$$(tools/pyenv_versions.sh $(abspath $(BUILD))/pythons) && cd $(COLLECTION) && \
	    PATH=$${pythons:+$$pythons:}$$PATH $(CURDIR)/$(BIN)/ansible-test sanity --venv --color no

units: collection
	cd $(COLLECTION) && $(CURDIR)/$(BIN)/ansible-test units --local --python 3.11 --color no
	cd tests/simulator && $(CURDIR)/$(PY) -m pytest -q

integration: collection
	tools/run_integration.sh $(COLLECTION) $(INTEGRATION_TARGETS)

lint: collection
	ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/collections $(BIN)/ansible-lint --profile production --offline

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

# The roles' molecule scenarios (extensions/molecule: default driver, no platforms; each scenario starts and
# stops its own simulators on 127.0.0.1). molecule's prerun installs the collection into ANSIBLE_HOME, kept
# under $(BUILD) so that ~/.ansible is not touched; molecule calls ansible-config, hence the PATH.
molecule: collection
	cd $(COLLECTION) && PATH=$(CURDIR)/$(BIN):$$PATH ANSIBLE_HOME=$(abspath $(BUILD))/ansible-home \
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

# The integration suite on the oldest ansible-core we claim and on the newest, each on a Python it supports.
matrix-oldest: venv collection
	tools/matrix.sh oldest 3.11 'ansible-core>=2.16.0,<2.17' $(INTEGRATION_TARGETS)

matrix-newest: venv collection
	tools/matrix.sh newest 3.12 'ansible-core<2.22' $(INTEGRATION_TARGETS)

test-matrix: matrix-oldest matrix-newest

# The three integration runs share nothing but the machine (each has its own copy, venv and simulators), so
# they run side by side; --output-sync keeps each run's log in one piece.
integration-all:
	$(MAKE) -j3 --output-sync=target integration matrix-oldest matrix-newest

test: sanity units integration-all molecule ecosystem lint docs-lint docs changelog-lint
	@echo "make test: all checks passed"

build: venv
	mkdir -p $(BUILD)
	$(BIN)/ansible-galaxy collection build --force --output-path $(BUILD) .

release: changelog-lint build
	@echo "Release tarball: $$(ls -t $(BUILD)/ghe-admin-*.tar.gz | head -n 1)"

# Turns the fragments into CHANGELOG.rst for the version in galaxy.yml (run once per release).
release-notes: collection
	PATH=$(CURDIR)/$(BIN):$$PATH ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/collections $(BIN)/antsibull-changelog release

demo: build
	tools/demo.sh

simulator: venv
	PYTHONPATH=tests/simulator $(PY) -m ghe_simulator --host 127.0.0.1 --port $${PORT:-8080}

clean:
	rm -rf $(BUILD) tests/output
