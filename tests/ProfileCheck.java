// The OWL API's OWL 2 DL profile check (the OWL API ships inside HermiT's jar):
//   javac -cp HermiT.jar ProfileCheck.java && java -cp HermiT.jar:. ProfileCheck FILE.owl
// prints each violation, then "OWL 2 DL violations: N". Used by tests/test_reason.py.

import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class ProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntology ontology = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation violation : report.getViolations()) {
            System.out.println(violation);
        }
        System.out.println("OWL 2 DL violations: " + report.getViolations().size());
    }
}
