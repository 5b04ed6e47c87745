package io.avlens.model.store.internal;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

import org.eclipse.emf.ecore.xmi.XMIException;
import org.xml.sax.SAXParseException;

/** Turns XML parser and EMF loading errors into "line L, column C: what" without file URIs or class names. */
final class XmlErrors {

    private XmlErrors() {
    }

    static String describe(XMLStreamException e) {
        Location location = e.getLocation();
        String message = e.getMessage();
        // the JDK's messages start with "ParseError at [row,col]:[1,1]\nMessage: "
        int at = message == null ? -1 : message.indexOf("Message: ");
        String what = at >= 0 ? message.substring(at + "Message: ".length()) : String.valueOf(message);
        return location == null ? withoutPeriod(what)
                : "line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ": "
                        + withoutPeriod(what);
    }

    static String describe(SAXParseException e) {
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + withoutPeriod(e.getMessage());
    }

    /** An EMF load error: its message without the file URI and position EMF appends, position first. */
    static String describe(XMIException e) {
        String message = e.getMessage();
        if (e.getLine() != 0) {
            String suffix = " (" + e.getLocation() + ", " + e.getLine() + ", " + e.getColumn() + ")";
            if (message.endsWith(suffix)) {
                message = message.substring(0, message.length() - suffix.length());
            }
            return "line " + e.getLine() + ", column " + e.getColumn() + ": " + withoutPeriod(message);
        }
        return withoutPeriod(message);
    }

    /** Parser messages end with a period; ours go on after them. */
    static String withoutPeriod(String message) {
        String m = String.valueOf(message).strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
