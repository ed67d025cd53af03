package dev.certstream.deploy;
class Smoke {}
