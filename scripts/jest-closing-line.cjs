// Prints the plain "N passed, N failed" line CI reads, as the very last line of the run.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const counts = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    const line = `jest: ${skipped ? `${counts}, ${skipped} skipped` : counts}\n`;
    // Jest's own summary is printed after the reporters run; the exit hook comes after it.
    process.on('exit', () => process.stdout.write(line));
  }
}
module.exports = ClosingLineReporter;
