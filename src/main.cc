// hvpat's entry point; everything else is in cli::Run so that tests can call it in-process.
#include "hvpat/cli/cli.h"

int main(int argc, char** argv) { return hvpat::cli::Run(argc, argv); }
