/** The argument echo of src/test/wine/portable-test.sh (EchoArgs). */
module echoargs {
}
