"""Test support, not part of the service: fixtures, a browser for Playwright tests, query counting, a local SMTP
server and helpers that start processes. It sits outside senmediation/ so that the layers of docs/architecture.md
(checked by lint-imports) are the product's alone; every test may use it."""
