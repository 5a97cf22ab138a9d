// SYNTAX TEST "source.java" "JDBC URLs highlighted inside Java strings"
String url = "jdbc:sqlserver://db.contoso.com;encrypt=false;trustServerCertificate=true";
//            ^^^^^^^^^^^^^^^^^ keyword.other.jdbc-url.scheme
//                             ^^^^^^^^^^^^^^ entity.name.jdbc-url.server
//                                            ^^^^^^^ variable.other.property.jdbc-url
//                                                    ^^^^^ invalid.deprecated.insecure.jdbc-url
//                                                          ^^^^^^^^^^^^^^^^^^^^^^ variable.other.property.jdbc-url
//                                                                                 ^^^^ constant.language.jdbc-url
//                                                                                     ^ string.quoted.double.java
// jdbc:sqlserver://in.a.comment;encrypt=false
//                                       ^^^^^ - invalid.deprecated.insecure.jdbc-url
