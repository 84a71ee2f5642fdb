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

.PHONY: help venv collection sanity units integration lint changelog-lint test demo simulator build clean

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
	rm -rf $(COLLECTION)
	mkdir -p $(COLLECTION)
	tar --exclude=./.git --exclude=./$(VENV) --exclude='./build*' --exclude=./tests/output \
	    --exclude='__pycache__' --exclude=./.ansible -cf - . | tar -xf - -C $(COLLECTION)
	cd $(COLLECTION) && git init -q && git add -A

sanity: collection
	$(PY) tools/ansible_test_pip_bootstrap.py >/dev/null
	cd $(COLLECTION) && $(CURDIR)/$(BIN)/ansible-test sanity --venv --python 3.11 --color no

units: collection
	cd $(COLLECTION) && $(CURDIR)/$(BIN)/ansible-test units --local --python 3.11 --color no
	cd tests/simulator && $(CURDIR)/$(PY) -m pytest -q

integration: collection
	tools/run_integration.sh $(COLLECTION) $(INTEGRATION_TARGETS)

lint: collection
	ANSIBLE_COLLECTIONS_PATH=$(abspath $(BUILD))/collections $(BIN)/ansible-lint --profile production --offline

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

test: sanity units integration lint changelog-lint
	@echo "make test: all checks passed"

build: venv
	mkdir -p $(BUILD)
	$(BIN)/ansible-galaxy collection build --force --output-path $(BUILD) .

demo: build
	tools/demo.sh

simulator: venv
	PYTHONPATH=tests/simulator $(PY) -m ghe_simulator --host 127.0.0.1 --port $${PORT:-8080}

clean:
	rm -rf $(BUILD) tests/output
